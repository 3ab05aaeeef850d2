import Foundation
import XCTest

/// The run report of `--json` (schema/report-v1.json): every document a test produces is
/// validated against the schema with python3's `jsonschema` (Draft 2020-12), the real validator.
enum ReportSchema {
    static let path = TestServers.packageRoot.appendingPathComponent("schema/report-v1.json").path

    private static let validator = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        document = json.load(sys.stdin)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// Validates `data` and returns it parsed; a document that does not validate fails the test.
    static func validated(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = ToolProcess.run("/usr/bin/env", ["python3", "-c", validator, path], stdin: data, timeout: 60)
        XCTAssertEqual(
            r.status, 0,
            "the report does not validate against schema/report-v1.json:\n\(r.stdout)\(r.stderr)\n"
                + String(decoding: data, as: UTF8.self),
            file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], file: file, line: line)
    }

    static func validated(file path: URL, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try validated(try Data(contentsOf: path), file: file, line: line)
    }
}

/// Reading a report's JSON in tests.
extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
    func strings(_ key: String) -> [String]? { self[key] as? [String] }
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int? { self[key] as? Int }
    func isNull(_ key: String) -> Bool { self[key] is NSNull }
}
