// Exports: a file handed to the browser's download, and the server's CSV export of a list
// fetched page by page (each page's first column is the cursor of the next).
import { getText } from './api';
import { EXPORT_PAGE, exportPath, parseCsv, type ApiParams } from './queries';

export function download(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The server's CSV of `path` with `params`, every page, one header.
export async function serverCsv(path: string, params: ApiParams): Promise<string> {
  let out = '';
  let after = 0;
  for (;;) {
    const { text } = await getText(exportPath(path, params, 'csv', after));
    const records = parseCsv(text);
    const header = text.slice(0, text.indexOf('\n') + 1);
    out += after === 0 ? text : text.slice(header.length);
    const rows = records.length - 1;
    if (rows < EXPORT_PAGE) break;
    after = Number(records[records.length - 1][0]);
  }
  return out;
}
