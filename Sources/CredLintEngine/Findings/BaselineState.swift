/// SARIF `baselineState`, set only when a baseline file is in use.
package enum BaselineState: String, Sendable, CaseIterable {
    /// Not in the baseline: reported and gated.
    case new
    /// Already in the baseline: hidden from reports and ignored by the gate.
    case unchanged
}
