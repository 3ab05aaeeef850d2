/// TLS VERSION AND CIPHER-SUITE ENUMERATION (issue 14 items 3 and 4) GOES HERE.
///
/// The `audit-scan` work adds the enumeration engine to the GnuTLS/TLS layers (versions probed
/// one by one, accepted suites per version, server order, groups, renegotiation, extended
/// master secret) as a plain `TLSScanResult` value. The audit runs it per service within the
/// same `ConnectionBudget` (in `ServiceProbe.run`, after the dialog, when the outcome is
/// `.audited`), keeps the result in `ServiceObservation` for the JSON report, and turns it into
/// findings here: TLS 1.0/1.1 offered (`medium`, "insufficient"), weak suites, no server order,
/// no extended master secret, insecure renegotiation. Until then no scan runs and this adds
/// nothing.
enum TLSScanFindings {
    static func findings(_ observation: ServiceObservation) -> [AuditFinding] {
        []
    }
}
