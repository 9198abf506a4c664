/**
 * Shows an approval's context (budget lines, a target split, a staffing plan) whatever its shape:
 * arrays of records as tables, records as definition lists, amounts in minor units as money.
 */
import { formatMoney } from '../format';

function cell(key: string, value: unknown): string {
  if (typeof value === 'number' && /Minor$/.test(key)) return formatMoney(value);
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function JsonView({ value, name = '' }: { value: unknown; name?: string }) {
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => v && typeof v === 'object' && !Array.isArray(v))
  ) {
    const rows = value as Record<string, unknown>[];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return (
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className={typeof row[c] === 'number' ? 'num' : ''}>
                  {cell(c, row[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return (
      <dl className="kv">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{typeof v === 'object' && v !== null ? <JsonView value={v} name={k} /> : cell(k, v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span>{cell(name, value)}</span>;
}
