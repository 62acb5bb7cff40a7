import Foundation

/// The cost and quota tables `hpcc plan` prints.
extension DeploymentCost {
    /// The cost tables: per group its items and total, then the deployment's total and what has no price.
    @_spi(Tools) public var text: String {
        guard !groups.isEmpty else {
            return "Cost: nothing to price (hpcc's clouds run nothing of this deployment).\n"
        }
        let dates = priceDates.sorted { $0.key < $1.key }.map { "\(Self.cloudName($0.key)) \($0.value)" }
        var out = """
            Cost in USD by list prices (\(dates.joined(separator: ", "))); a month is \(Int(Self.hoursPerMonth)) hours.
            Each figure is on demand / with the compute nodes on spot ("-": no spot price); "+" marks a lower
            bound: something in it has no price (listed at the end).

            """
        for group in groups {
            var table = TextTable(header: ["part", "resource", "idle/max", "idle $/h", "max $/h", "idle $/month"])
            for item in group.items {
                let idle = item.idleIncomplete ? "+" : "", atMax = item.atMaxIncomplete ? "+" : ""
                table.rows.append([
                    item.part + (item.spotConfigured ? " (spot)" : ""), item.resource,
                    "\(item.idleCount)/\(item.maxCount)",
                    item.idle.map { Self.pair($0) + idle } ?? "unpriced",
                    item.atMax.map { Self.pair($0) + atMax } ?? "unpriced",
                    item.idle.map { Self.pair($0, monthly: true) + idle } ?? "unpriced",
                ])
            }
            let idle = group.idleIncomplete ? "+" : "", atMax = group.atMaxIncomplete ? "+" : ""
            table.rows.append([
                "total", "", "", Self.pair(group.idle) + idle, Self.pair(group.atMax) + atMax,
                Self.pair(group.idle, monthly: true) + idle,
            ])
            out += "\n\(group.name) (\(Self.cloudName(group.cloud)) \(group.region))\n" + table.render()
        }
        let idleBound = idleIncomplete ? "+" : "", atMaxBound = atMaxIncomplete ? "+" : ""
        out += """

            Deployment total: idle floor \(Self.pair(idle))\(idleBound) $/h, \
            \(Self.pair(idle, monthly: true))\(idleBound) $/month; at most \(Self.pair(atMax))\(atMaxBound) $/h

            """
        let unpriced = groups.flatMap { group in
            group.items.flatMap { item in item.unpriced.map { "\(group.name), \(item.part): \($0)" } }
        }
        if !unpriced.isEmpty {
            out += "Not in the figures:\n" + unpriced.map { "  \($0)\n" }.joined()
        }
        return out
    }

    /// `12.40 / 4.10`, per hour or per month.
    static func pair(_ cost: HourlyCost, monthly: Bool = false) -> String {
        let cost = cost.times(monthly ? hoursPerMonth : 1)
        return "\(money(cost.onDemand)) / \(cost.spot.map(money) ?? "-")"
    }

    /// Two decimals; a figure under a cent that is not zero says so.
    static func money(_ value: Double) -> String {
        value > 0 && value < 0.005 ? "<0.01" : String(format: "%.2f", value)
    }

    static func cloudName(_ cloud: String) -> String { cloud == "aws" ? "AWS" : "GCP" }
}

extension QuotaBill {
    /// The quota table.
    @_spi(Tools) public var text: String {
        guard !lines.isEmpty else { return "\nQuota needed: none in hpcc's clouds.\n" }
        var table = TextTable(header: ["cloud", "region", "quota", "idle", "at max"])
        for line in lines {
            table.rows.append([
                DeploymentCost.cloudName(line.cloud), line.region, line.resource, String(line.idle), String(line.atMax),
            ])
        }
        return "\nQuota needed\n" + table.render()
    }
}
