import Foundation
import Testing
@testable import NNCore

/// The generated data sets: each kind's points lie on the geometry README gives for it (checked
/// here with Foundation's own sin, cos and atan2), the classes are balanced, and a seed gives the
/// same points every time and on every machine.
@Suite struct DatasetTests {
    static func points(_ kind: DatasetKind, samples: Int = 400, noise: Double = 0, seed: UInt64 = 3) -> [DatasetPoint] {
        DatasetSpec(kind: kind, samples: samples, noise: noise, seed: seed).points()
    }

    // MARK: the arithmetic

    @Test func portableSinAndCosAgreeWithTheCLibrary() {
        var worst = 0.0
        for step in -4000...4000 {
            let x = Double(step) * 0.004_987 // covers ±20 rad, past every angle the generators use
            let (sine, cosine) = PortableMath.sinCos(x)
            worst = max(worst, abs(sine - sin(x)), abs(cosine - cos(x)))
        }
        #expect(worst <= 4e-16, "largest difference \(worst)")
        // The quadrant boundaries, where the reduction changes k.
        let quarter = Double.pi / 4
        let boundaries: [Double] = [0, -0.0, quarter, 2 * quarter, 4 * quarter, 6 * quarter, 8 * quarter, -2 * quarter, 1e-300]
        for x in boundaries {
            let (sine, cosine) = PortableMath.sinCos(x)
            #expect(abs(sine - sin(x)) <= 2.3e-16 && abs(cosine - cos(x)) <= 2.3e-16, "\(x)")
        }
    }

    @Test func portableLogAgreesWithTheCLibrary() {
        var inputs = [1.0, 0.5, 2.0.squareRoot(), 0.5.squareRoot(), 1 - 0x1p-53, 0x1p-53, 0x1p-1022, 1e-300, 3.0, 1e300]
        inputs += (1...4000).map { Double($0) / 4000 }
        for x in inputs {
            let expected = Foundation.log(x)
            let got = PortableMath.log(x)
            #expect(abs(got - expected) <= 3e-16 * max(abs(expected), 0x1p-60), "log \(x): \(got) ≠ \(expected)")
        }
        #expect(PortableMath.log(1) == 0)
    }

    /// Box–Muller's values have mean 0, variance 1 and no correlation between the pair.
    @Test func gaussianPairsAreStandardNormal() {
        var random = SeededRandom(seed: 11)
        let count = 20_000
        var sum = 0.0, squares = 0.0, products = 0.0, beyondTwo = 0
        for _ in 0..<count {
            let (a, b) = random.gaussianPair()
            sum += a + b
            squares += a * a + b * b
            products += a * b
            beyondTwo += (abs(a) > 2 ? 1 : 0) + (abs(b) > 2 ? 1 : 0)
        }
        let n = Double(2 * count)
        #expect(abs(sum / n) < 0.02 && abs(squares / n - 1) < 0.03 && abs(products / Double(count)) < 0.03)
        // P(|Z| > 2) = 0.0455 for a normal distribution.
        #expect(abs(Double(beyondTwo) / n - 0.0455) < 0.005)
    }

    // MARK: the geometries, without noise

    @Test(arguments: DatasetKind.allCases)
    func classesAlternateAndBalance(_ kind: DatasetKind) {
        let even = Self.points(kind, samples: 200)
        #expect(even.enumerated().allSatisfy { $0.element.label == $0.offset % 2 })
        #expect(even.filter { $0.label == 1 }.count == 100)
        let odd = Self.points(kind, samples: 201)
        #expect(odd.filter { $0.label == 0 }.count == 101 && odd.filter { $0.label == 1 }.count == 100)
        // Any 20 consecutive samples (a batch of 20) hold 10 of each class.
        #expect(even[40..<60].filter { $0.label == 1 }.count == 10)
    }

    @Test func xorFollowsTheSignRule() {
        for point in Self.points(.xor) {
            #expect(point.label == (point.x1 * point.x2 > 0 ? 1 : 0), "\(point)")
            #expect((0.1...1).contains(abs(point.x1)) && (0.1...1).contains(abs(point.x2)), "\(point)")
        }
        // All four quadrants are used.
        let quadrants = Set(Self.points(.xor).map { [$0.x1 > 0, $0.x2 > 0] })
        #expect(quadrants.count == 4)
    }

    @Test func circleHasAnInnerDiscAndAnOuterRing() {
        let points = Self.points(.circle)
        for point in points {
            let radius = hypot(point.x1, point.x2)
            if point.label == 1 {
                #expect(radius <= 0.5 + 1e-15, "\(point)")
            } else {
                #expect(radius >= 0.7 - 1e-15 && radius <= 1 + 1e-15, "\(point)")
            }
        }
        // The ring goes all the way round: points in every quarter of the angle.
        let quarters = Set(points.filter { $0.label == 0 }.map { Int((atan2($0.x2, $0.x1) + .pi) / (.pi / 2)) })
        #expect(quarters.isSuperset(of: [0, 1, 2, 3]))
    }

    @Test func gaussHasTwoBlobsOfTheDocumentedSpread() {
        let points = Self.points(.gauss, samples: 4000)
        for (label, centre) in [(1, 0.5), (0, -0.5)] {
            let blob = points.filter { $0.label == label }
            let n = Double(blob.count)
            let mean1 = blob.map(\.x1).reduce(0, +) / n, mean2 = blob.map(\.x2).reduce(0, +) / n
            // The standard error of a mean of 2,000 values of deviation 0.15 is 0.0034.
            #expect(abs(mean1 - centre) < 0.015 && abs(mean2 - centre) < 0.015, "class \(label)")
            let spread = (blob.map { ($0.x1 - mean1) * ($0.x1 - mean1) }.reduce(0, +) / n).squareRoot()
            #expect(abs(spread - 0.15) < 0.01, "class \(label): \(spread)")
        }
    }

    /// r = s and θ = 2π·1.25·s + label·π: each point lies on its spiral, and the angle grows with the radius.
    @Test func spiralRadiiGrowWithTheAngle() {
        let points = Self.points(.spiral)
        for point in points {
            let radius = hypot(point.x1, point.x2)
            let angle = 2 * .pi * 1.25 * radius + Double(point.label) * .pi
            #expect(abs(point.x1 - radius * cos(angle)) < 1e-12 && abs(point.x2 - radius * sin(angle)) < 1e-12, "\(point)")
            #expect(radius < 1)
        }
        for label in [0, 1] {
            let arm = points.filter { $0.label == label }.sorted { hypot($0.x1, $0.x2) < hypot($1.x1, $1.x2) }
            // Consecutive points along the arm turn counter-clockwise (a small positive angle each).
            for (inner, outer) in zip(arm, arm.dropFirst()) {
                let turn = remainder(atan2(outer.x2, outer.x1) - atan2(inner.x2, inner.x1), 2 * .pi)
                #expect(turn >= -1e-12 && turn < 1, "\(inner) → \(outer)")
            }
        }
    }

    /// Class 0 on the upper half circle of radius 1 about (0, 0), class 1 on the lower one about
    /// (1, 0.5), both then mapped by x ↦ (x − 0.5)/1.5, y ↦ (y − 0.25)/1.5.
    @Test func moonsAreTwoInterleavingHalfCircles() {
        for point in Self.points(.moons) {
            let x = point.x1 * 1.5 + 0.5, y = point.x2 * 1.5 + 0.25
            if point.label == 0 {
                #expect(abs(hypot(x, y) - 1) < 1e-12 && y >= -1e-12, "\(point)")
            } else {
                #expect(abs(hypot(x - 1, y - 0.5) - 1) < 1e-12 && y <= 0.5 + 1e-12, "\(point)")
            }
            #expect(abs(point.x1) <= 1 + 1e-12 && abs(point.x2) <= 0.5 + 1e-12, "\(point)")
        }
    }

    @Test func linearIsSplitByTheLineX1PlusX2() {
        let points = Self.points(.linear)
        for point in points {
            #expect(point.label == (point.x1 + point.x2 > 0 ? 1 : 0), "\(point)")
            #expect(abs(point.x1) <= 1 && abs(point.x2) <= 1, "\(point)")
        }
        // Uniform over each half: a quarter of the points in each quadrant, give or take.
        let upperLeft = points.filter { $0.x1 < 0 && $0.x2 > 0 }.count
        #expect((60...140).contains(upperLeft))
    }

    // MARK: noise and seeds

    /// Noise is Gaussian jitter of that standard deviation on the same points: doubling the noise
    /// doubles every point's displacement.
    @Test(arguments: DatasetKind.allCases)
    func noiseJittersTheSamePoints(_ kind: DatasetKind) {
        let clean = Self.points(kind, samples: 2000)
        let some = Self.points(kind, samples: 2000, noise: 0.1)
        let more = Self.points(kind, samples: 2000, noise: 0.2)
        var squares = 0.0
        for ((a, b), c) in zip(zip(clean, some), more) {
            #expect(abs((c.x1 - a.x1) - 2 * (b.x1 - a.x1)) < 1e-12 && abs((c.x2 - a.x2) - 2 * (b.x2 - a.x2)) < 1e-12)
            #expect(a.label == b.label)
            squares += (b.x1 - a.x1) * (b.x1 - a.x1) + (b.x2 - a.x2) * (b.x2 - a.x2)
        }
        #expect(abs((squares / 4000).squareRoot() - 0.1) < 0.005)
    }

    @Test(arguments: DatasetKind.allCases)
    func theSameSeedGivesTheSamePoints(_ kind: DatasetKind) {
        let first = Self.points(kind, noise: 0.1, seed: 42)
        #expect(Self.bits(first) == Self.bits(Self.points(kind, noise: 0.1, seed: 42)))
        #expect(Self.bits(first) != Self.bits(Self.points(kind, noise: 0.1, seed: 43)))
        // Fewer samples are the first points of the longer list.
        #expect(Self.bits(Self.points(kind, samples: 10, noise: 0.1, seed: 42)) == Array(Self.bits(first).prefix(20)))
    }

    static func bits(_ points: [DatasetPoint]) -> [UInt64] {
        points.flatMap { [$0.x1.bitPattern, $0.x2.bitPattern] }
    }

    /// FNV-1a over the bits of the points and classes.
    static func checksum(_ points: [DatasetPoint]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in points.flatMap({ [$0.x1.bitPattern, $0.x2.bitPattern, UInt64($0.label)] }) {
            hash = (hash ^ value) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The first points of two kinds as a separate implementation computes them: SplitMix64, the
    /// formulas of README and Box–Muller written out in Python with its math module's sin, cos
    /// and log (seed 3, noise 0.1).
    @Test func firstPointsMatchASecondImplementation() {
        let spiral: [(Double, Double)] = [
            (0.3648541418250547, -0.46420870439983014), (0.05952504996227927, -0.07933126682951383),
            (0.2741227518213133, -0.5411967739279028),
        ]
        let xor: [(Double, Double)] = [
            (-0.49354819062109095, 0.40560667973141024), (0.832782691074199, 0.7427274448282553),
            (-0.784870937433642, 0.5122206898406452),
        ]
        for (kind, expected) in [(DatasetKind.spiral, spiral), (.xor, xor)] {
            for (point, reference) in zip(Self.points(kind, samples: 3, noise: 0.1, seed: 3), expected) {
                #expect(abs(point.x1 - reference.0) < 1e-15 && abs(point.x2 - reference.1) < 1e-15, "\(kind) \(point)")
            }
        }
    }

    /// Pinned: a changed generator (another stream, another formula, another order of draws)
    /// moves the points of existing scenario files, and this says so. If the change is meant,
    /// say so in the commit and README, and update the numbers.
    @Test func pinnedChecksumsNoticeAChangedGenerator() {
        let pinned: [DatasetKind: UInt64] = [
            .xor: 0x3012_31C0_4C97_6068, .circle: 0xC699_B27F_762B_3EC2, .gauss: 0xAB9E_6AA8_AC15_FC4F,
            .spiral: 0xC57A_6BA1_0FEE_2BBD, .moons: 0x882A_7213_0E06_41D4, .linear: 0xB838_24D2_FB06_24C9,
        ]
        for kind in DatasetKind.allCases {
            let checksum = Self.checksum(Self.points(kind, samples: 50, noise: 0.1, seed: 3))
            #expect(checksum == pinned[kind], "\(kind): 0x\(String(checksum, radix: 16))")
        }
    }
}
