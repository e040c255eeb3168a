import type { FilterNode, SortField, UserSetupQuery } from '../host/index.js';

/** Each filterable field's column; the tree names only the contract's fields, so every lookup finds one. */
const COLUMNS: Record<string, string> = {
  userId: 'user_id',
  displayName: 'display_name',
  resourceNo: 'resource_no',
  pinCodeStatus: 'pin_code_status',
  pinCodeChangedBy: 'pin_code_changed_by',
  passwordMandatory: 'password_mandatory',
  allowPinCode: 'allow_pin_code',
  lockedUntil: 'locked_until',
  pinCodeChangedAt: 'pin_code_changed_at',
  temporaryPinCodeExpiresAt: 'temporary_pin_code_expires_at',
};
const SEARCH_COLUMNS: Record<string, string> = {
  userId: 'search_user_id',
  displayName: 'search_display_name',
  resourceNo: 'search_resource_no',
};
const OPERATORS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/**
 * The sort keys of each order, ties by userId so paging is stable. Nullable keys sort nulls first, as OData does;
 * the others say nothing of nulls, so that the indexes (schema.ts) serve every order in both directions.
 */
const ORDER_KEYS: Record<SortField, Array<{ column: string; nullable?: true }>> = {
  userId: [{ column: 'user_id' }],
  displayName: [{ column: 'sort_name' }, { column: 'user_id' }],
  resourceNo: [{ column: 'resource_no', nullable: true }, { column: 'user_id' }],
  pinCodeStatus: [{ column: 'status_rank' }, { column: 'pin_code_changed_at', nullable: true }, { column: 'user_id' }],
  pinCodeChangedAt: [{ column: 'pin_code_changed_at', nullable: true }, { column: 'user_id' }],
};

const column = (field: string, columns: Record<string, string>) => {
  if (!Object.hasOwn(columns, field)) throw new Error(`No column for ${field}.`);
  return columns[field];
};

/**
 * A parsed `$filter` as a WHERE condition with bound parameters (`$n` from `params.length + 1` on). Every leaf is
 * two-valued (a null column makes a comparison false, never unknown), so that NOT behaves as the contract's filter
 * does; `IS NOT NULL AND …` rather than COALESCE, which would hide the column from its index.
 */
export function filterSql(node: FilterNode, now: Date, params: unknown[]): string {
  const bind = (value: unknown) => `$${params.push(value)}`;
  switch (node.kind) {
    case 'contains':
      // LIKE rather than strpos: a trigram index serves it. The needle's own % _ and \ are matched as themselves.
      return `(${column(node.field, SEARCH_COLUMNS)} LIKE ${bind(`%${node.needle.replace(/[\\%_]/g, '\\$&')}%`)})`;
    case 'text':
    case 'boolean':
    case 'date': {
      const name = column(node.field, COLUMNS);
      const value = node.value !== null && typeof node.value === 'object' ? now.toISOString() : node.value;
      if (value === null) {
        if (node.op === 'eq') return `(${name} IS NULL)`;
        if (node.op === 'ne') return `(${name} IS NOT NULL)`;
        return 'false';
      }
      // `ne` holds for a null column, as `null !== value` does.
      if (node.op === 'ne') return `(${name} IS DISTINCT FROM ${bind(value)})`;
      return `(${name} IS NOT NULL AND ${name} ${OPERATORS[node.op]} ${bind(value)})`;
    }
    case 'not':
      return `(NOT ${filterSql(node.operand, now, params)})`;
    case 'and':
    case 'or':
      return `(${node.operands.map((operand) => filterSql(operand, now, params)).join(` ${node.kind.toUpperCase()} `)})`;
  }
}

/** The ORDER BY of a query: every key ascending (nulls first), or descending (nulls last). */
export const orderSql = ({ orderBy, descending }: Pick<UserSetupQuery, 'orderBy' | 'descending'>) =>
  ORDER_KEYS[orderBy]
    .map(
      ({ column, nullable }) =>
        `${column} ${descending ? 'DESC' : 'ASC'}${nullable ? (descending ? ' NULLS LAST' : ' NULLS FIRST') : ''}`,
    )
    .join(', ');
