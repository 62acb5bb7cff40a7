/// Orders modules so each comes after the modules it uses or references; reports cycles.
enum DependencyOrder {
    /// `edges[m]` are the modules `m` depends on, with where the dependency was written.
    static func sort(
        _ ids: [ModuleID], edges: [ModuleID: [(ModuleID, SourceLocation)]], diagnostics: inout Diagnostics
    ) -> [ModuleID] {
        enum Mark { case visiting, done }
        var marks: [ModuleID: Mark] = [:]
        var order: [ModuleID] = []
        var path: [ModuleID] = []
        var reported = Set<[ModuleID]>()
        let known = Set(ids)

        func visit(_ id: ModuleID) {
            marks[id] = .visiting
            path.append(id)
            for (dependency, location) in edges[id] ?? [] where known.contains(dependency) {
                switch marks[dependency] {
                case .visiting:
                    let cycle = Array(path[path.lastIndex(of: dependency)!...])
                    if reported.insert(cycle.sorted()).inserted {
                        let chain = (cycle + [dependency]).map(\.rawValue).joined(separator: " → ")
                        diagnostics.report(
                            .moduleCycle, "modules depend on each other in a cycle: \(chain)", at: location)
                    }
                case .done: break
                case nil: visit(dependency)
                }
            }
            path.removeLast()
            marks[id] = .done
            order.append(id)
        }
        for id in ids where marks[id] == nil {
            visit(id)
        }
        return order
    }
}
