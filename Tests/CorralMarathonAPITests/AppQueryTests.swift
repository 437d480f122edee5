import Testing

@testable import CorralMarathonAPI

/// Marathon's `label` selectors and `embed` names, as `GET /v2/apps` reads them.
@Suite struct LabelSelectorTests {
    let labels = ["tier": "web", "team": "shop", "canary": ""]

    @Test func eachFormSelectsAsMarathonDocumentsIt() throws {
        #expect(try LabelSelector(parsing: "tier").matches(labels))
        #expect(try !LabelSelector(parsing: "owner").matches(labels))
        #expect(try LabelSelector(parsing: "tier==web").matches(labels))
        #expect(try !LabelSelector(parsing: "tier==db").matches(labels))
        #expect(try LabelSelector(parsing: "tier!=db").matches(labels))
        // A missing label differs from every value.
        #expect(try LabelSelector(parsing: "owner!=me").matches(labels))
        #expect(try LabelSelector(parsing: "tier in (db, web)").matches(labels))
        #expect(try !LabelSelector(parsing: "tier notin (db, web)").matches(labels))
        #expect(try LabelSelector(parsing: "owner notin (me)").matches(labels))
    }

    @Test func selectorsSeparatedByCommasMustAllHoldAndEscapesKeepSeparators() throws {
        #expect(try LabelSelector(parsing: "tier==web, team==shop").matches(labels))
        #expect(try !LabelSelector(parsing: "tier==web,team==ops").matches(labels))
        #expect(try LabelSelector(parsing: #"note==a\,b"#).matches(["note": "a,b"]))
        #expect(try LabelSelector(parsing: "tier in (db,web),team").matches(labels))
    }

    @Test func whatIsNoSelectorIsAnErrorNamingThePart() {
        #expect(throws: LabelSelectorError(selector: "tier==web,,x", part: "")) { try LabelSelector(parsing: "tier==web,,x") }
        #expect(throws: LabelSelectorError.self) { try LabelSelector(parsing: "==web") }
        #expect(throws: LabelSelectorError.self) { try LabelSelector(parsing: "tier in db") }
        #expect(throws: LabelSelectorError.self) { try LabelSelector(parsing: "tier = web") }
    }

    @Test func embedNamesTakeBothPrefixesAndTheOldFailuresName() {
        #expect(AppEmbed(query: "apps.tasks") == .tasks)
        #expect(AppEmbed(query: "app.tasks") == .tasks)
        #expect(AppEmbed(query: "app.failures") == .lastTaskFailure)
        #expect(AppEmbed(query: "apps.taskStats") == .taskStats)
        #expect(AppEmbed(query: "tasks") == nil)
        #expect(AppEmbed(query: "apps.nothing") == nil)
    }
}
