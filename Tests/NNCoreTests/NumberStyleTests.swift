import NNCore
import Testing

/// How numbers are written for people: checked against strings written out by hand.
@Suite struct NumberStyleTests {
    let style = NumberStyle.standard

    @Test func fourDecimalsWithARealMinus() {
        #expect(style.format(0.593269992) == "0.5933")
        #expect(style.format(-0.2486) == "−0.2486")
        #expect(style.format(0) == "0.0000")
        #expect(style.format(-0.00001234) == "−1.234e−5")
        #expect(style.format(.infinity) == "∞")
        #expect(style.format(.nan) == "NaN")
    }

    /// Below 0.001 four decimals would keep one significant digit or none.
    @Test func smallValuesKeepFourSignificantDigits() {
        #expect(style.format(0.00034627) == "3.463e−4")
        #expect(style.format(0.0012) == "0.0012")
    }

    @Test func shortFormsGiveUpDigitsNotCharacters() {
        #expect(style.format(8.458e-4, maxLength: 7) == "8.46e−4")
        #expect(style.format(-8.458e-4, maxLength: 7) == "−8.5e−4")
        #expect(style.format(12345.6789, maxLength: 7) == "12345.7")
        #expect(style.format(0.5933, maxLength: 7) == "0.5933")
    }
}
