import type { Key, ReactNode } from 'react';

export interface TableColumn<Row> {
  label: string;
  /** Right-aligned, as amounts and quantities are. */
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
}

/**
 * A plain table of rows by columns. Each cell carries its column's label
 * (`data-label`), so on a phone, inside `.table-scroll`, a row reads as a
 * list of labelled values.
 */
export function LabelledTable<Row>({
  columns,
  rows,
  rowKey,
  label,
}: {
  columns: TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => Key;
  /** The table's accessible name, when no heading names it. */
  label?: string;
}) {
  const align = (column: TableColumn<Row>) => (column.numeric ? 'numeric' : undefined);
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={align(column)}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)}>
            {columns.map((column) => (
              <td key={column.label} data-label={column.label} className={align(column)}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
