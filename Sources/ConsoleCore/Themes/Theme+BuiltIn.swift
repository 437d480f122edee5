extension Theme {
    /// The theme compiled into the program, for when `default.yaml` is missing or broken: attributes
    /// only, so it reads on any terminal. Roles it leaves out draw as plain text.
    public static let builtIn = Theme(
        id: "built-in",
        name: "Built-in",
        source: .builtIn,
        roles: [
            .muted: RoleStyle(attributes: .dim),
            .header: RoleStyle(attributes: [.bold, .reverse]),
            .headerLabel: RoleStyle(attributes: .reverse),
            .paneTitle: RoleStyle(attributes: .bold),
            .focus: RoleStyle(attributes: [.bold, .reverse]),
            .tableHeader: RoleStyle(attributes: [.bold, .underline]),
            .selection: RoleStyle(attributes: .reverse),
            .barFree: RoleStyle(attributes: .dim),
            .shareNext: RoleStyle(attributes: .bold),
            .taskFailed: RoleStyle(attributes: .bold),
            .taskError: RoleStyle(attributes: .bold),
            .taskFinished: RoleStyle(attributes: .dim),
            .offerDeclined: RoleStyle(attributes: .dim),
            .offerRescinded: RoleStyle(attributes: .dim),
            .serviceWaiting: RoleStyle(attributes: .bold),
            .serviceDelayed: RoleStyle(attributes: .bold),
            .serviceSuspended: RoleStyle(attributes: .dim),
            .jobFailure: RoleStyle(attributes: .bold),
            .jobNever: RoleStyle(attributes: .dim),
            .dialogBorder: RoleStyle(attributes: .bold),
            .dialogField: RoleStyle(attributes: .underline),
            .dialogFieldFocused: RoleStyle(attributes: .reverse),
            .dialogButtonFocused: RoleStyle(attributes: [.bold, .reverse]),
            .error: RoleStyle(attributes: .bold),
            .warning: RoleStyle(attributes: .bold),
            .footerKey: RoleStyle(attributes: .bold),
        ]
    )
}
