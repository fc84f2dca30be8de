/** A list page's total and its cursor paging: `cursors` is the stack of cursors that led to this page. */
export function Pager({
  page,
  noun,
  cursors,
  onCursors,
}: {
  page: { total: number; totalIsEstimate: boolean; nextCursor: string | null } | undefined;
  noun: string;
  cursors: string[];
  onCursors(cursors: string[]): void;
}) {
  const next = page?.nextCursor;
  return (
    <nav className="pager" aria-label="Pages">
      <span data-testid="total">{page ? `${page.total}${page.totalIsEstimate ? '+' : ''} ${noun}` : 'Loading…'}</span>
      <button type="button" disabled={cursors.length === 0} onClick={() => onCursors(cursors.slice(0, -1))}>
        Previous page
      </button>
      <button type="button" disabled={!next} onClick={() => next && onCursors([...cursors, next])}>
        Next page
      </button>
    </nav>
  );
}
