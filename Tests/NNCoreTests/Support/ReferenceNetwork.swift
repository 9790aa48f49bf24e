import Foundation

/// An independent second implementation of the network, for tests only: reverse-mode automatic
/// differentiation over scalars (a tape, micrograd style). It knows nothing of deltas, of
/// simplified output gradients or of matrix formulas: gradients come from the generic chain
/// rule applied to each elementary operation. Loss is computed plainly, as log of the outputs.
struct ReferenceLayer {
    var activation: String
    var weights: [[Double]]
    var biases: [Double]
}

/// A tape of scalar operations; each node records its parents and the local derivatives.
final class Tape {
    struct Node {
        var value: Double
        var parents: [(index: Int, derivative: Double)]
    }

    private(set) var nodes: [Node] = []

    func constant(_ value: Double) -> Int { push(value, []) }

    func push(_ value: Double, _ parents: [(Int, Double)]) -> Int {
        nodes.append(Node(value: value, parents: parents.map { (index: $0.0, derivative: $0.1) }))
        return nodes.count - 1
    }

    func value(_ node: Int) -> Double { nodes[node].value }

    func add(_ a: Int, _ b: Int) -> Int { push(value(a) + value(b), [(a, 1), (b, 1)]) }
    func subtract(_ a: Int, _ b: Int) -> Int { push(value(a) - value(b), [(a, 1), (b, -1)]) }
    func multiply(_ a: Int, _ b: Int) -> Int { push(value(a) * value(b), [(a, value(b)), (b, value(a))]) }
    func divide(_ a: Int, _ b: Int) -> Int { push(value(a) / value(b), [(a, 1 / value(b)), (b, -value(a) / (value(b) * value(b)))]) }
    func scale(_ a: Int, _ c: Double) -> Int { push(value(a) * c, [(a, c)]) }
    func exp(_ a: Int) -> Int { let e = Foundation.exp(value(a)); return push(e, [(a, e)]) }
    func log(_ a: Int) -> Int { push(Foundation.log(value(a)), [(a, 1 / value(a))]) }
    func tanh(_ a: Int) -> Int { let t = Foundation.tanh(value(a)); return push(t, [(a, 1 - t * t)]) }
    func relu(_ a: Int) -> Int { push(max(0, value(a)), [(a, value(a) > 0 ? 1 : 0)]) }

    /// σ(a) built from elementary operations: 1 / (1 + e^(−a)).
    func sigmoid(_ a: Int) -> Int {
        divide(constant(1), add(constant(1), exp(scale(a, -1))))
    }

    func sum(_ terms: [Int]) -> Int { terms.dropFirst().reduce(terms[0]) { add($0, $1) } }

    /// ∂output/∂node for every node, by walking the tape backwards.
    func gradients(of output: Int) -> [Double] {
        var adjoint = Array(repeating: 0.0, count: nodes.count)
        adjoint[output] = 1
        for index in stride(from: output, through: 0, by: -1) where adjoint[index] != 0 {
            for parent in nodes[index].parents { adjoint[parent.index] += adjoint[index] * parent.derivative }
        }
        return adjoint
    }
}

struct ReferenceNetwork {
    var layers: [ReferenceLayer]
    var loss: String
    var reduction: String

    /// The graph of one batch: parameter nodes, per-sample net/out nodes, and the batch loss.
    struct Graph {
        var tape = Tape()
        var weights: [[[Int]]] = []
        var biases: [[Int]] = []
        var nets: [[[Int]]] = []   // [sample][layer][unit]
        var outs: [[[Int]]] = []
        var sampleLosses: [Int] = []
        var loss = 0
    }

    func graph(xs: [[Double]], ys: [[Double]]) -> Graph {
        var graph = Graph()
        let tape = graph.tape
        graph.weights = layers.map { $0.weights.map { $0.map { tape.constant($0) } } }
        graph.biases = layers.map { $0.biases.map { tape.constant($0) } }
        for (x, y) in zip(xs, ys) {
            var input = x.map { tape.constant($0) }
            var nets: [[Int]] = [], outs: [[Int]] = []
            for (l, layer) in layers.enumerated() {
                let net = (0..<layer.biases.count).map { j in
                    tape.sum([graph.biases[l][j]] + input.indices.map { i in tape.multiply(input[i], graph.weights[l][i][j]) })
                }
                let out: [Int]
                switch layer.activation {
                case "sigmoid": out = net.map { tape.sigmoid($0) }
                case "tanh": out = net.map { tape.tanh($0) }
                case "relu": out = net.map { tape.relu($0) }
                case "linear": out = net
                case "softmax":
                    let exps = net.map { tape.exp($0) }
                    let total = tape.sum(exps)
                    out = exps.map { tape.divide($0, total) }
                default: fatalError("unknown activation \(layer.activation)")
                }
                nets.append(net)
                outs.append(out)
                input = out
            }
            let targets = y.map { tape.constant($0) }
            let one = tape.constant(1)
            let terms: [Int] = input.indices.map { k in
                switch loss {
                case "binary_cross_entropy":
                    // −[q log y + (1 − q) log(1 − y)]
                    let positive = tape.multiply(targets[k], tape.log(input[k]))
                    let negative = tape.multiply(tape.subtract(one, targets[k]), tape.log(tape.subtract(one, input[k])))
                    return tape.scale(tape.add(positive, negative), -1)
                case "cross_entropy":
                    return tape.scale(tape.multiply(targets[k], tape.log(input[k])), -1)
                case "mse":
                    let difference = tape.subtract(input[k], targets[k])
                    return tape.scale(tape.multiply(difference, difference), 0.5)
                default: fatalError("unknown loss \(loss)")
                }
            }
            graph.nets.append(nets)
            graph.outs.append(outs)
            graph.sampleLosses.append(tape.sum(terms))
        }
        let total = tape.sum(graph.sampleLosses)
        graph.loss = reduction == "mean" ? tape.scale(total, 1 / Double(xs.count)) : total
        return graph
    }

    /// Per-layer pre-activations and activations for one sample.
    func forward(_ x: [Double]) -> (nets: [[Double]], outs: [[Double]]) {
        let g = graph(xs: [x], ys: [Array(repeating: 0.5, count: layers.last!.biases.count)])
        return (g.nets[0].map { $0.map(g.tape.value) }, g.outs[0].map { $0.map(g.tape.value) })
    }

    func batchLoss(xs: [[Double]], ys: [[Double]]) -> Double {
        let g = graph(xs: xs, ys: ys)
        return g.tape.value(g.loss)
    }

    /// Exact gradient of the batch loss, by reverse-mode automatic differentiation.
    func gradients(xs: [[Double]], ys: [[Double]]) -> (weights: [[[Double]]], biases: [[Double]], loss: Double) {
        let g = graph(xs: xs, ys: ys)
        let adjoint = g.tape.gradients(of: g.loss)
        return (g.weights.map { $0.map { $0.map { adjoint[$0] } } }, g.biases.map { $0.map { adjoint[$0] } }, g.tape.value(g.loss))
    }

    /// ∂J/∂net and ∂J/∂out of every layer for every sample: [layer][sample][unit].
    func nodeGradients(xs: [[Double]], ys: [[Double]]) -> (dNet: [[[Double]]], dOut: [[[Double]]]) {
        let g = graph(xs: xs, ys: ys)
        let adjoint = g.tape.gradients(of: g.loss)
        let dNet = layers.indices.map { l in xs.indices.map { s in g.nets[s][l].map { adjoint[$0] } } }
        let dOut = layers.indices.map { l in xs.indices.map { s in g.outs[s][l].map { adjoint[$0] } } }
        return (dNet, dOut)
    }

    /// Gradient descent over consecutive batches; each epoch's loss is the reduction over all
    /// samples of each sample's loss as computed when its batch was processed.
    func trained(xs: [[Double]], ys: [[Double]], learningRate: Double, epochs: Int, batchSize: Int) -> (network: ReferenceNetwork, epochLosses: [Double]) {
        var network = self
        var losses: [Double] = []
        for _ in 0..<epochs {
            var total = 0.0
            for start in stride(from: 0, to: xs.count, by: batchSize) {
                let end = min(xs.count, start + batchSize)
                let g = network.graph(xs: Array(xs[start..<end]), ys: Array(ys[start..<end]))
                total += g.sampleLosses.map(g.tape.value).reduce(0, +)
                let adjoint = g.tape.gradients(of: g.loss)
                for l in network.layers.indices {
                    for i in network.layers[l].weights.indices {
                        for j in network.layers[l].weights[i].indices {
                            network.layers[l].weights[i][j] -= learningRate * adjoint[g.weights[l][i][j]]
                        }
                    }
                    for j in network.layers[l].biases.indices { network.layers[l].biases[j] -= learningRate * adjoint[g.biases[l][j]] }
                }
            }
            losses.append(reduction == "mean" ? total / Double(xs.count) : total)
        }
        return (network, losses)
    }
}
