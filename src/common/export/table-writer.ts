import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ColumnKey, EnumName } from '../i18n/catalogue.en.js';
import { columnHeader, enumLabel, type Language } from '../i18n/i18n.js';
import { neutralise } from './neutralise.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportColumn {
  /** The row's field; also the column's header in the catalogue unless `header` names another. */
  key: string;
  type?: 'text' | 'number' | 'date' | 'datetime';
  header?: ColumnKey;
  /** The column holds values of this enum: written as their labels in the request's language. */
  labels?: EnumName;
}

export const column = (key: ColumnKey, type?: ExportColumn['type'], header?: ColumnKey): ExportColumn => ({ key, type, header });

/** A column of enum values, written as labels. */
export const labelled = (key: ColumnKey, labels: EnumName, header?: ColumnKey): ExportColumn => ({ key, header, labels });

function cell(value: unknown, type: ExportColumn['type']): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (type === 'number') return Number(value);
  if (type === 'date') return typeof value === 'string' ? value : (value as Date).toISOString().slice(0, 10);
  if (type === 'datetime') return value instanceof Date ? value : new Date(String(value));
  return neutralise(typeof value === 'string' ? value : JSON.stringify(value));
}

const typedRow = (row: Record<string, unknown>, columns: ExportColumn[], language: Language) =>
  Object.fromEntries(
    columns.map((c) => {
      const value = row[c.key];
      return [c.key, cell(c.labels && typeof value === 'string' ? enumLabel(language, c.labels, value) : value, c.type)];
    }),
  );

const headerOf = (c: ExportColumn, language: Language) => columnHeader(language, c.header ?? (c.key as ColumnKey));

/**
 * Writes rows, as they come, to the HTTP response: CSV (RFC 4180, UTF-8 with a BOM so Excel shows Indonesian
 * names) or XLSX (exceljs' streaming writer: a header row, typed number and date columns, the header frozen).
 * Dates are ISO. Backpressure is kept: a slow client slows the database cursor, and memory stays flat.
 */
export async function writeTable(
  res: ServerResponse,
  table: { format: ExportFormat; filename: string; language: Language; columns: ExportColumn[] },
  rows: Readable,
): Promise<void> {
  const { format, filename, language, columns } = table;
  res.setHeader('content-language', language);
  res.setHeader('content-disposition', `attachment; filename="${filename}.${format}"`);
  if (format === 'csv') {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.write('\uFEFF');
    const csv = stringify({
      header: true,
      columns: columns.map((c) => ({ key: c.key, header: headerOf(c, language) })),
      record_delimiter: 'windows',
      cast: { date: (d) => d.toISOString() },
    });
    const typed = async function* () {
      for await (const row of rows) yield typedRow(row as Record<string, unknown>, columns, language);
    };
    await pipeline(typed, csv, res);
    return;
  }
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true });
  const sheet = workbook.addWorksheet(filename, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: headerOf(c, language),
    width: c.type === 'number' || c.type === 'date' ? 14 : 28,
    style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for await (const row of rows) {
    const values = typedRow(row as Record<string, unknown>, columns, language);
    for (const c of columns) if (c.type === 'date' && typeof values[c.key] === 'string') values[c.key] = new Date(`${values[c.key]}T00:00:00Z`);
    sheet.addRow(values).commit();
    if (res.writableNeedDrain) await once(res, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}
