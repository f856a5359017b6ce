import Foundation

/// An estimate with its standard error and a 95 % confidence interval.
public struct Estimate: Sendable, Equatable {
    public var value: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double

    public init(value: Double, standardError: Double, lower: Double, upper: Double) {
        self.value = value
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
    }

    /// value ± 1.96 SE.
    public init(value: Double, standardError: Double) {
        self.init(value: value, standardError: standardError, lower: value - Normal.z975 * standardError, upper: value + Normal.z975 * standardError)
    }

    public var pValue: Double { standardError > 0 ? Normal.twoSidedP(value / standardError) : .nan }
}
