import Foundation

/// Why a statistic could not be computed.
public enum StatisticsError: Error, Equatable, CustomStringConvertible {
    case emptySample
    case mismatchedLengths
    case singularMatrix
    case notConverged(iterations: Int)
    case invalidValue(String)

    public var description: String {
        switch self {
        case .emptySample: "empty sample"
        case .mismatchedLengths: "the columns have different lengths"
        case .singularMatrix: "the information matrix is singular (a covariate is constant or collinear)"
        case .notConverged(let iterations): "did not converge in \(iterations) iterations"
        case .invalidValue(let what): "invalid value: \(what)"
        }
    }
}
