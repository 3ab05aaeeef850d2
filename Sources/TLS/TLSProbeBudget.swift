/// The connections of one scan: the caller's budget, the spacing between connections, and the
/// record of each. Once the budget is used up or the server is unreachable, every further
/// probe is answered nil and the scan winds down, reporting the rest as untested.
final class TLSProbeBudget {
    private let prober: TLSProber
    private let options: TLSScanOptions
    private let pause: (Double) -> Void
    private(set) var used = 0
    private(set) var stop: TLSScanStop?
    private(set) var records: [TLSProbeRecord] = []

    init(prober: TLSProber, options: TLSScanOptions, pause: @escaping (Double) -> Void) {
        self.prober = prober
        self.options = options
        self.pause = pause
    }

    /// The server's answer to `offer`; nil when the scan must stop.
    func probe(_ offer: TLSProbeOffer, purpose: String) -> TLSProbeOutcome? {
        guard stop == nil else { return nil }
        guard used < options.connectionBudget else {
            stop = TLSScanStop(
                .budgetExhausted, reason: "the budget of \(options.connectionBudget) connections is used up")
            return nil
        }
        if used > 0 && options.spacing > 0 { pause(options.spacing) }
        used += 1
        do {
            let outcome = try prober.probe(offer)
            switch outcome {
            case .accepted(let summary):
                records.append(
                    TLSProbeRecord(purpose: purpose, offer: offer, status: .accepted, accepted: summary, reason: nil))
            case .refused(let reason):
                records.append(
                    TLSProbeRecord(purpose: purpose, offer: offer, status: .refused, accepted: nil, reason: reason))
            }
            return outcome
        } catch {
            let reason = "\(error)"
            stop = TLSScanStop(.unreachableOrRateLimited, reason: reason)
            records.append(
                TLSProbeRecord(purpose: purpose, offer: offer, status: .notTested, accepted: nil, reason: reason))
            return nil
        }
    }
}
