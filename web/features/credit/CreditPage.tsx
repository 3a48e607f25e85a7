import { useCredit } from './use-credit.ts';

/** Small workunits earn fractions of a credit (1 credit = 4.32e11 FLOPs), so small values keep 3 significant digits. */
const fmt = (credit: number) => (credit === 0 || credit >= 10 ? credit.toFixed(2) : credit.toPrecision(3));

/** Total, pending and recent credit, and each result with its verdict. */
export function CreditPage({ isConnected }: { isConnected: boolean }) {
  const { credit, reload } = useCredit(isConnected);
  return (
    <section aria-labelledby="credit-title">
      <h2 id="credit-title">Your credit</h2>
      <button type="button" onClick={reload}>Refresh</button>
      {credit === null && <p role="status">Loading…</p>}
      {credit?.kind === 'failed' && <p role="alert">Could not load credit ({credit.code}): {credit.message}</p>}
      {credit?.kind === 'ok' && (
        <>
          <dl className="credit-totals">
            <dt>Granted</dt><dd data-testid="credit-total" data-value={credit.value.totalCredit}>{fmt(credit.value.totalCredit)}</dd>
            <dt>Pending</dt><dd data-testid="credit-pending">{fmt(credit.value.pendingCredit)}</dd>
            <dt>Recent average</dt><dd>{fmt(credit.value.rac)}</dd>
          </dl>
          <table className="credit-results">
            <caption>Results ({credit.value.results.length})</caption>
            <thead><tr><th scope="col">Result</th><th scope="col">Experiment</th><th scope="col">Verdict</th><th scope="col">Credit</th></tr></thead>
            <tbody>
              {credit.value.results.map((r) => (
                <tr key={r.resultId}>
                  <th scope="row">{r.name}</th>
                  <td>{r.experiment}</td>
                  <td>{r.verdict}</td>
                  <td>{r.verdict === 'valid' ? fmt(r.credit) : `${fmt(r.claimedCredit)} claimed`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
