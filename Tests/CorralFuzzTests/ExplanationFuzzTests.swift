import CorralMesosJSON
import CorralModel
import PropertyBased
import Testing

@testable import ConsoleCore

extension FuzzTests {
    /// What a remote console reads from a master's `/corral/v1/explain`, mutated and generated:
    /// a framework's standing and an offer's reason, from a master that may be hostile or
    /// broken. Each document that decodes is shown as the console's Why view shows it, in a
    /// small terminal and a large one. Nothing may trap.
    @Suite struct Explanations {
        static let samples = Corpus.explanations(FuzzCluster())

        @Test func frameworkStandings() {
            // The samples are real answers: each reads as it is.
            #expect(Self.samples.standings.count == 2 && Self.samples.standings.allSatisfy { (try? MesosJSON.decode(FrameworkStanding.self, from: $0)) != nil })
            if let sample = Self.samples.standings.last, let standing = try? MesosJSON.decode(FrameworkStanding.self, from: sample) {
                #expect(Self.show(.framework(standing.frameworkID), .framework(standing)).contains("batch (F1) is not connected"))
            }
            let inputs = Gen.oneOf(Mutation.of(Self.samples.standings).eraseToAnySequence(), Generated.standing.eraseToAnySequence())
            Fuzz.run("framework standings", inputs: inputs) { text in
                guard let standing = try? MesosJSON.decode(FrameworkStanding.self, from: text) else { return }
                _ = MesosJSON.encode(standing)
                Self.show(.framework(standing.frameworkID), .framework(standing))
            }
        }

        @Test func offerReasons() {
            #expect(Self.samples.offers.count >= 2 && Self.samples.offers.allSatisfy { (try? MesosJSON.decode(OfferExplanation.self, from: $0)) != nil })
            let inputs = Gen.oneOf(Mutation.of(Self.samples.offers).eraseToAnySequence(), Generated.offerReason.eraseToAnySequence())
            Fuzz.run("offer reasons", inputs: inputs) { text in
                guard let explanation = try? MesosJSON.decode(OfferExplanation.self, from: text) else { return }
                _ = MesosJSON.encode(explanation)
                Self.show(.offer(explanation.offer.id), .offer(explanation.offer, explanation.reason))
            }
        }

        /// The answer in the Why view, as the console draws it when the master's answer comes;
        /// the large screen's text.
        @discardableResult
        static func show(_ subject: WhySubject, _ answer: Why) -> String {
            var model = ConsoleModel(now: Time(seconds: 1_764_064_800), themeNames: ["default"])
            _ = model.explain(subject)
            _ = model.update(.explanation(subject, answer))
            let theme = ResolvedTheme(.builtIn, support: .none)
            _ = ConsoleView.render(model, theme: theme, glyphs: .unicode, width: 80, height: 24)
            return ConsoleView.render(model, theme: theme, glyphs: .unicode, width: 200, height: 60).text
        }
    }
}

extension Generated {
    /// Numbers that decode, as an Int or as a Double, and still break arithmetic: the extremes.
    static let extremeInteger = Gen.element(of: ["-1", "0", "1", "11", "-9223372036854775808", "9223372036854775807", "2147483648", "-101"])
    static let extremeDouble = Gen.element(of: [
        "0", "-0.0", "0.5", "1e300", "-1e300", "1e-300", "4.9e-324", "1.7976931348623157e308", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "9223372036854775807", "-1",
    ])
    /// Resource amounts are checked where they enter (0 to 1e15): these are the ones let in.
    static let admittedAmount = Gen.element(of: ["0", "0.001", "1", "999999999999999", "1e15"])

    /// A standing whose places and counts, shares, weights and seconds are all extremes, where
    /// mutation would change one number at a time (and mostly into one that does not decode).
    static let standing: Generator<String, some SendableSequenceType> = zip(
        extremeInteger.array(of: 5), extremeDouble.array(of: 8), admittedAmount
    ).map { integers, doubles, amount in
        let i = integers.map { $0 ?? "0" }, d = doubles.map { $0 ?? "0" }
        let role = #"{"role":"gold","weight":\#(d[0]),"role_share":\#(d[1]),"role_place":\#(i[0]),"role_count":\#(i[1]),"framework_share":\#(d[2]),"framework_place":\#(i[2]),"framework_count":\#(i[3]),"suppressed":true,"guarantee":{"cpus":\#(d[3])},"limit":{"mem":\#(d[4])},"allocated":{"cpus":\#(d[6])}}"#
        let filter = #"{"agent_id":{"value":"S1"},"hostname":"h","seconds_left":\#(d[5]),"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":\#(amount ?? "1")}}]}"#
        return #"{"framework":{"id":"F1","name":"x"},"active":true,"dominant_share":\#(d[7]),"dominant_resource":"cpus","roles":[\#(role)],"next":{"id":"F2","weighted_share":\#(d[1]),"weight":\#(d[0])},"next_role":"gold","filters":[\#(filter)],"outstanding_offers":\#(i[4])}"#
    }

    /// An offer's reason likewise: extreme places, counts, shares and weights, and names of
    /// stages and reasons that are not there.
    static let offerReason: Generator<String, some SendableSequenceType> = zip(
        extremeInteger.array(of: 4), extremeDouble.array(of: 2), admittedAmount, Gen.element(of: ["guarantee", "fair_share", "other", ""]),
        Gen.element(of: ["inactive", "suppressed", "filtered", "gone"])
    ).map { integers, doubles, amount, stage, reason in
        let i = integers.map { $0 ?? "0" }, d = doubles.map { $0 ?? "0" }
        let share = #"{"id":"F2","weighted_share":\#(d[0]),"weight":\#(d[1])}"#
        let offer = #"{"id":{"value":"O1"},"framework_id":{"value":"F1"},"agent_id":{"value":"S1"},"hostname":"h","resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":\#(amount ?? "1")}}]}"#
        let reason = #"{"stage":"\#(stage ?? "")","role":"*","role_order":[\#(share)],"role_place":\#(i[0]),"role_count":\#(i[1]),"framework_order":[\#(share),\#(share)],"framework_place":\#(i[2]),"framework_count":\#(i[3]),"passed_over":[{"framework":\#(share),"reason":"\#(reason ?? "")"}]}"#
        return #"{"offer":\#(offer),"reason":\#(reason)}"#
    }
}
