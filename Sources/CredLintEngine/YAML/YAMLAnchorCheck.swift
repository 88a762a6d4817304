import CredLintModel

// libyaml, as bundled by Yams (its `CYaml` target). Yams parses with it but keeps its event
// API private and builds the whole node tree before returning, so the events are read here.
internal import CYaml

/// Refuses YAML anchors and aliases from libyaml's event stream, before any node tree is
/// composed.
///
/// Composing is what makes an alias bomb expensive: Yams resolves every alias while it builds
/// the tree, and hashes mapping keys (whole aliased subtrees) to find duplicates, so a
/// 250-byte file of nested aliases costs hundreds of megabytes, or all of memory, before
/// `YAMLValue` sees a single node. Events are read one at a time and let go, so this pass
/// takes time linear in the text and constant memory, whatever the aliases would expand to.
enum YAMLAnchorCheck {
    static let message = "YAML anchors and aliases are not allowed here"

    /// Throws at the first anchor (`&name`) or alias (`*name`, including `<<: *name`).
    /// A syntax error ends the check quietly: composing stops at the same event and reports it.
    static func check(_ text: String, path: String) throws {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let anchored: Bool
                switch event.type {
                case YAML_STREAM_END_EVENT: return
                case YAML_ALIAS_EVENT: anchored = true
                case YAML_SCALAR_EVENT: anchored = event.data.scalar.anchor != nil
                case YAML_SEQUENCE_START_EVENT: anchored = event.data.sequence_start.anchor != nil
                case YAML_MAPPING_START_EVENT: anchored = event.data.mapping_start.anchor != nil
                default: anchored = false
                }
                if anchored {
                    // libyaml counts from 0; Yams (and every other message) from 1.
                    throw CredLintError(message, at: SourceLocation(path: path, line: Int(event.start_mark.line) + 1,
                                                                    column: Int(event.start_mark.column) + 1))
                }
            }
        }
    }
}
