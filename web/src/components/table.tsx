// A table of a view's rows: a caption, the row count, pages of 100, and an export of exactly the
// rows (all pages), from the server's export of the same query when there is one, else written
// here from the same values the table shows.
import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import { download } from '../download';
import { t } from '../i18n';
import { toCsv } from '../queries';

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number | boolean | null | undefined;
  render?: (row: T) => ComponentChild;
  numeric?: boolean;
  nowrap?: boolean; // ids and times: kept on one line
}

function cellClass<T>(c: Column<T>): string | undefined {
  return [c.numeric ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;
}

interface Props<T> {
  id: string;
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  exportName: string;
  serverExport?: () => Promise<string>;
  onSelect?: (row: T) => void;
  selected?: string;
  rowClass?: (row: T) => string;
  pageSize?: number;
}

export function DataTable<T>(p: Props<T>) {
  const [page, setPage] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState('');
  const size = p.pageSize ?? 100;
  const pages = Math.max(1, Math.ceil(p.rows.length / size));
  const current = Math.min(page, pages - 1);
  const shown = p.rows.slice(current * size, (current + 1) * size);

  async function exportRows() {
    setExporting(true);
    setError('');
    try {
      const text = p.serverExport
        ? await p.serverExport()
        : toCsv(
            p.columns.map((c) => c.key),
            p.rows.map((r) => p.columns.map((c) => c.value(r))),
          );
      download(`${p.exportName}.csv`, text);
    } catch (e) {
      setError(String((e as Error).message ?? e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <section class="table-block" aria-labelledby={`${p.id}-caption`}>
      <div class="table-tools">
        <p class="row-count" data-testid={`${p.id}-row-count`} aria-live="polite">
          {p.rows.length} {p.rows.length === 1 ? t('row') : t('rows')}
        </p>
        <button type="button" onClick={exportRows} disabled={exporting} data-testid={`${p.id}-export`}>
          {t('export')}
        </button>
        {pages > 1 && (
          <span class="pager">
            <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)} aria-label={t('previousPage')}>
              ‹
            </button>
            <span>
              {current + 1} / {pages}
            </span>
            <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} aria-label={t('nextPage')}>
              ›
            </button>
          </span>
        )}
        {error && <span role="alert" class="error">{error}</span>}
      </div>
      <div class="table-scroll">
        <table id={p.id} data-testid={p.id}>
          <caption id={`${p.id}-caption`}>{p.caption}</caption>
          <thead>
            <tr>
              {p.columns.map((c) => (
                <th scope="col" class={c.numeric ? 'num' : undefined} key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const key = p.rowKey(r);
              const cls = [p.rowClass?.(r), key === p.selected ? 'selected' : ''].filter(Boolean).join(' ');
              return (
                <tr key={key} class={cls || undefined} aria-selected={p.onSelect ? key === p.selected : undefined}>
                  {p.columns.map((c, i) => (
                    <td key={c.key} class={cellClass(c)}>
                      {i === 0 && p.onSelect ? (
                        <button type="button" class="link" onClick={() => p.onSelect!(r)}>
                          {c.render ? c.render(r) : String(c.value(r) ?? '')}
                        </button>
                      ) : c.render ? (
                        c.render(r)
                      ) : (
                        String(c.value(r) ?? '')
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
