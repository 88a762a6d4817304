import Testing
@testable import CredLintModel

@Suite struct ISO8601Tests {
    @Test(arguments: [
        ("2017-07-18T21:41:36+00:00", "2017-07-18T21:41:36Z"),
        ("2014-08-28T21:42:50Z", "2014-08-28T21:42:50Z"),
        ("2026-11-29T05:13:46.563738Z", "2026-11-29T05:13:46.563738Z"),
        ("2020-01-01T05:30:00+05:30", "2020-01-01T00:00:00Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
    ])
    func roundTrips(input: String, expected: String) {
        #expect(ISO8601.parse(input)?.iso8601 == expected)
    }

    @Test(arguments: ["2020-13-45T00:00:00Z", "2023-02-29T00:00:00Z", "N/A", "no_information", "not_supported",
                      "2020-01-01", "2020-01-01T00:00:00", "2020-01-01T24:00:00Z", "2020-01-01T00:00:00Zjunk"])
    func rejects(input: String) {
        #expect(ISO8601.parse(input) == nil)
    }
}
