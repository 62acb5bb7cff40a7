import Foundation

/// `hpcc plan --format json`: the deployment's cost and quota for tools, the same figures the text
/// shows. Money is USD rounded to a millionth; `spot` is null where a compute node has no spot price.
public struct PlanDocument: Encodable, Sendable {
    var deployment: String
    var blueprint: String
    var cost: DeploymentCost
    var quota: QuotaBill

    /// The plan of `deployment`.
    @_spi(Tools) public init(_ deployment: Deployment) {
        self.deployment = deployment.name
        blueprint = deployment.blueprintName
        cost = DeploymentCost(deployment)
        quota = QuotaBill(deployment)
    }

    /// The cost and quota tables, as `hpcc plan` prints them after the deployment's summary.
    public var text: String { cost.text + quota.text }

    /// The document as sorted, indented JSON.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these value types cannot fail; an empty object would say so if it did.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }

    enum CodingKeys: String, CodingKey { case deployment, blueprint, currency, hoursPerMonth, priceDates, cost, quota }

    /// Encodes the figures with their sums, money rounded to a millionth of a dollar.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deployment, forKey: .deployment)
        try container.encode(blueprint, forKey: .blueprint)
        try container.encode("USD", forKey: .currency)
        try container.encode(DeploymentCost.hoursPerMonth, forKey: .hoursPerMonth)
        try container.encode(cost.priceDates, forKey: .priceDates)
        try container.encode(cost, forKey: .cost)
        try container.encode(quota.lines, forKey: .quota)
    }
}

extension DeploymentCost: Encodable {
    enum CodingKeys: String, CodingKey { case groups, idle, atMax, idleMonthly, idleIncomplete, atMaxIncomplete }

    /// Encodes the figures with their sums, money rounded to a millionth of a dollar.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(groups, forKey: .groups)
        try container.encode(idle.rounded, forKey: .idle)
        try container.encode(atMax.rounded, forKey: .atMax)
        try container.encode(idle.times(Self.hoursPerMonth).rounded, forKey: .idleMonthly)
        try container.encode(idleIncomplete, forKey: .idleIncomplete)
        try container.encode(atMaxIncomplete, forKey: .atMaxIncomplete)
    }
}

extension CostGroup {
    enum CodingKeys: String, CodingKey {
        case name, cloud, region, items, idle, atMax, idleMonthly, idleIncomplete, atMaxIncomplete
    }

    /// Encodes the figures with their sums, money rounded to a millionth of a dollar.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(cloud, forKey: .cloud)
        try container.encode(region, forKey: .region)
        try container.encode(items, forKey: .items)
        try container.encode(idle.rounded, forKey: .idle)
        try container.encode(atMax.rounded, forKey: .atMax)
        try container.encode(idle.times(DeploymentCost.hoursPerMonth).rounded, forKey: .idleMonthly)
        try container.encode(idleIncomplete, forKey: .idleIncomplete)
        try container.encode(atMaxIncomplete, forKey: .atMaxIncomplete)
    }
}

extension CostItem {
    enum CodingKeys: String, CodingKey {
        case part, resource, idleCount, maxCount, spotConfigured, unit, idle, atMax, idleMonthly, unpriced
    }

    /// Encodes the figures with their sums, money rounded to a millionth of a dollar.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(part, forKey: .part)
        try container.encode(resource, forKey: .resource)
        try container.encode(idleCount, forKey: .idleCount)
        try container.encode(maxCount, forKey: .maxCount)
        try container.encode(spotConfigured, forKey: .spotConfigured)
        try container.encode(unit?.rounded, forKey: .unit)
        try container.encode(idle?.rounded, forKey: .idle)
        try container.encode(atMax?.rounded, forKey: .atMax)
        try container.encode(idle?.times(DeploymentCost.hoursPerMonth).rounded, forKey: .idleMonthly)
        try container.encode(unpriced, forKey: .unpriced)
    }
}

extension HourlyCost {
    /// To a millionth of a dollar, so sums carry no floating-point noise into the JSON.
    var rounded: HourlyCost {
        func round(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
        return HourlyCost(onDemand: round(onDemand), spot: spot.map(round))
    }
}
