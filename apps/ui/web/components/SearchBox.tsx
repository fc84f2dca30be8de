import { useState, type FormEvent } from 'react';

/** A search box taking the API's query grammar (`q`); Search (or Enter) applies it. */
export function SearchBox({
  id,
  query,
  placeholder,
  onSearch,
}: {
  id: string;
  query: string;
  placeholder: string;
  onSearch(q: string): void;
}) {
  const [draft, setDraft] = useState(query);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor={id}>Search</label>
      <input id={id} value={draft} onChange={(event) => setDraft(event.target.value)} placeholder={placeholder} />
      <button type="submit">Search</button>
    </form>
  );
}

/** Status filter chips: each toggles its status in or out of the filter. */
export function StatusChips({
  statuses,
  chosen,
  onToggle,
}: {
  statuses: readonly string[];
  chosen: readonly string[];
  onToggle(status: string): void;
}) {
  return (
    <div className="chips" role="group" aria-label="Status filter">
      {statuses.map((status) => (
        <button
          key={status}
          type="button"
          className="chip"
          aria-pressed={chosen.includes(status)}
          onClick={() => onToggle(status)}
        >
          {status}
        </button>
      ))}
    </div>
  );
}
