import Foundation

/// The covariates as numbers: dummies per level for categories, the FIA ratings with an indicator where missing.
struct EffectDesign {
    var balanceNames: [String] = []
    var balanceRows: [[Double]]
    var modelNames: [String] = []
    var modelRows: [[Double]]

    init(_ all: [EffectCovariates]) {
        balanceRows = all.map { _ in [] }
        modelRows = all.map { _ in [] }
        func categorical(_ label: String, _ value: (EffectCovariates) -> String?) {
            let values = all.map { value($0) ?? "uppgift saknas" }
            let levels = Array(Set(values)).sorted()
            guard levels.count > 1 else { return }
            // The most common level is the reference in the model; the balance table shows every level.
            let counts = Dictionary(grouping: values, by: { $0 }).mapValues(\.count)
            let reference = levels.max { (counts[$0]!, $1) < (counts[$1]!, $0) }!
            for level in levels {
                let column = values.map { $0 == level ? 1.0 : 0.0 }
                add(balance: "\(label): \(level)", column, model: level != reference)
            }
        }
        func numeric(_ label: String, _ value: (EffectCovariates) -> Double) {
            add(balance: label, all.map(value), model: true)
        }
        categorical("Åldersgrupp", \.ageBand)
        categorical("Juridiskt kön", \.legalGender)
        categorical("Stadsdel", \.district)
        numeric("Månader med bistånd senaste 12") { Double($0.aidMonthsLast12) }
        numeric("Månader med bistånd senaste 36") { Double($0.aidMonthsLast36) }
        numeric("Månader sedan inskrivning", \.monthsSinceEnrolment)
        categorical("Behovsbedömning", \.needCategory)
        categorical("Utbildning", \.educationLevel)
        categorical("Svenska", \.swedish)
        let dimensions = Set(all.flatMap(\.fiaRatings.keys)).sorted()
        for dimension in dimensions {
            let present = all.compactMap { $0.fiaRatings[dimension] }
            let mean = present.reduce(0, +) / Double(max(present.count, 1))
            // Missing ratings take the mean of those present; the indicator carries that they were missing.
            numeric("FIA \(dimension)") { $0.fiaRatings[dimension] ?? mean }
            if present.count < all.count {
                numeric("FIA \(dimension) saknas") { $0.fiaRatings[dimension] == nil ? 1 : 0 }
            }
        }
        dropDependentModelColumns()
    }

    private mutating func add(balance name: String, _ column: [Double], model: Bool) {
        let constant = column.allSatisfy { $0 == column.first }
        guard !constant else { return }
        balanceNames.append(name)
        for i in column.indices { balanceRows[i].append(column[i]) }
        if model {
            modelNames.append(name)
            for i in column.indices { modelRows[i].append(column[i]) }
        }
    }

    /// Drops model columns that are linear combinations of the intercept and earlier columns (as R's glm marks them NA).
    private mutating func dropDependentModelColumns() {
        let n = modelRows.count
        var kept: [Int] = []
        // Gram–Schmidt on centred, scaled columns (centring takes the intercept out).
        var basis: [[Double]] = []
        for j in modelNames.indices {
            var v = modelRows.map { $0[j] }
            let m = v.reduce(0, +) / Double(n)
            v = v.map { $0 - m }
            let norm0 = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm0 > 0 else { continue }
            v = v.map { $0 / norm0 }
            for b in basis {
                let dot = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<n { v[i] -= dot * b[i] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-8 else { continue }
            basis.append(v.map { $0 / norm })
            kept.append(j)
        }
        modelNames = kept.map { modelNames[$0] }
        modelRows = modelRows.map { row in kept.map { row[$0] } }
    }
}
