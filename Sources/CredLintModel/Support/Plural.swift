/// "1 finding", "2 findings": the one way counts are written in messages and summaries.
package func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? word : plural ?? word + "s")
}
