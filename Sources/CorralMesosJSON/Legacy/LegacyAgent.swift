import CorralModel

/// An agent as `/master/state` and `/master/slaves` write it (Mesos's `SlaveWriter`):
/// `{"id","hostname","port","attributes","pid","registered_time","resources","used_resources",
/// "offered_resources","reserved_resources","unreserved_resources","active","deactivated",
/// "version","capabilities"}`, times in seconds.
extension AgentSnapshot {
    /// `full` adds what only `/master/slaves` has: the same resources again in the proto's form
    /// (`reserved_resources_full`, `unreserved_resources_full`, `used_resources_full`,
    /// `offered_resources_full`), which tools need to name reservations exactly.
    func encodeLegacyJSON(version: String, full: Bool, to writer: inout MesosJSONWriter) {
        let reservations = total.reservedByRole
        let unreserved = total.unreserved
        writer.writeObject { writer in
            writer.field("id", id.value)
            writer.field("hostname", info.hostname)
            writer.field("port", info.port)
            writer.key("attributes")
            writer.legacyAttributes(info.attributes)
            writer.field("pid", info.pid)
            writer.field("registered_time", registeredAt.seconds)
            writer.key("resources")
            writer.legacyResources(total)
            writer.key("used_resources")
            writer.legacyResources(used)
            writer.key("offered_resources")
            writer.legacyResources(offered)
            writer.field("reserved_resources") { writer in
                for (role, resources) in reservations {
                    writer.key(role)
                    writer.legacyResources(resources)
                }
            }
            writer.key("unreserved_resources")
            writer.legacyResources(unreserved)
            writer.field("active", active)
            writer.field("deactivated", false)
            writer.field("version", version)
            // Corral's agents announce no capabilities; Mesos always writes the list.
            writer.key("capabilities")
            writer.writeArray { _ in }
            guard full else { return }
            writer.field("reserved_resources_full") { writer in
                for (role, resources) in reservations {
                    writer.key(role)
                    resources.entries.encodeMesosJSON(to: &writer)
                }
            }
            writer.field("unreserved_resources_full", unreserved.entries)
            writer.field("used_resources_full", used.entries)
            writer.field("offered_resources_full", offered.entries)
        }
    }
}

extension AgentInfo {
    /// A recovered agent in `recovered_slaves`: only what its `SlaveInfo` says
    /// (`{"id","hostname","port","attributes","resources"}`), as Mesos writes it.
    func encodeLegacyJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id?.value ?? "")
            writer.field("hostname", hostname)
            writer.field("port", port)
            writer.key("attributes")
            writer.legacyAttributes(attributes)
            writer.key("resources")
            writer.legacyResources(resources)
        }
    }
}

extension MesosJSONWriter {
    /// `recovered_slaves`, and, when there are any, Corral's `unreachable_agents` and
    /// `gone_agents` (`[{"id","time"}]`, time in seconds): the registry's agents that are not
    /// registered.
    mutating func legacyRegistryAgents(_ snapshot: ClusterSnapshot, selecting agentID: AgentID? = nil) {
        key("recovered_slaves")
        writeArray { writer in
            for agent in snapshot.recoveredAgents where agentID == nil || agent.id == agentID { agent.encodeLegacyJSON(to: &writer) }
        }
        for (name, list) in [("unreachable_agents", snapshot.unreachableAgents), ("gone_agents", snapshot.goneAgents)] as [(StaticString, [AgentAbsence])] {
            let selected = list.filter { agentID == nil || $0.agentID == agentID }
            guard !selected.isEmpty else { continue }
            key(name)
            writeArray { writer in
                for absence in selected {
                    writer.writeObject { writer in
                        writer.field("id", absence.agentID.value)
                        writer.field("time", absence.since.seconds)
                    }
                }
            }
        }
    }
}
