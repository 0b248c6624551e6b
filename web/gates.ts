/**
 * The gates page's script: search, filters and sorting on the pre-rendered gates table. It reads only the page:
 * each row carries what it is filtered and sorted by. The table reads the same without it.
 */
import { byId, el } from './dom.js';

const CLASS_RANK: Record<string, number> = { error: 0, unknown: 1, blocker: 2, 'removable-at': 3, removable: 4 };

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function setupGates(): void {
  const form = byId<HTMLFormElement>('gate-filters');
  const table = byId<HTMLTableElement>('gates-table');
  const count = byId('gate-count');
  if (!form || !table || !count) return;
  form.hidden = false;
  form.addEventListener('submit', (e) => e.preventDefault());
  const tbody = table.tBodies[0]!;
  const rows = [...tbody.rows];
  const search = byId<HTMLInputElement>('filter-search')!;
  const selects: [HTMLSelectElement, string, boolean][] = [
    [byId<HTMLSelectElement>('filter-class')!, 'class', false],
    [byId<HTMLSelectElement>('filter-kind')!, 'kind', false],
    [byId<HTMLSelectElement>('filter-arch')!, 'arches', true],
    [byId<HTMLSelectElement>('filter-crate')!, 'crates', true],
    [byId<HTMLSelectElement>('filter-category')!, 'categories', true],
  ];
  // Links from the overview (gates.html?class=blocker) preset a filter.
  const params = new URLSearchParams(location.search);
  for (const [select, field] of selects) {
    const key = field === 'arches' ? 'arch' : field === 'crates' ? 'crate' : field === 'categories' ? 'category' : field;
    const wanted = params.get(key);
    if (wanted !== null && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
  if (params.get('q')) search.value = params.get('q')!;
  const apply = () => {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      let ok = q === '' || (row.dataset['name'] ?? '').toLowerCase().includes(q);
      for (const [select, field, many] of selects) {
        if (!ok || select.value === '') continue;
        const value = row.dataset[field] ?? '';
        ok = many ? value.split(' ').includes(select.value) : value === select.value;
      }
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = `${shown} of ${rows.length} gates shown.`;
  };
  search.addEventListener('input', apply);
  for (const [select] of selects) select.addEventListener('change', apply);
  apply();

  // Sorting: a button in each sortable header, with aria-sort saying the order.
  const headers = [...table.tHead!.rows[0]!.cells].filter((th) => th.dataset['sort']);
  for (const th of headers) {
    const key = th.dataset['sort']!;
    const button = el('button', { type: 'button', class: 'sort' }, th.textContent ?? '');
    th.textContent = '';
    th.append(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const value = (r: HTMLTableRowElement) => r.dataset[key] ?? '';
      const compare = (a: HTMLTableRowElement, b: HTMLTableRowElement): number => {
        if (key === 'uses') return Number(value(a)) - Number(value(b));
        if (key === 'class') return (CLASS_RANK[value(a)] ?? 9) - (CLASS_RANK[value(b)] ?? 9);
        if (key === 'since') return value(a) === '' ? (value(b) === '' ? 0 : 1) : value(b) === '' ? -1 : compareVersions(value(a), value(b));
        return value(a).localeCompare(value(b));
      };
      const sorted = [...tbody.rows].sort((a, b) => (ascending ? compare(a, b) : compare(b, a)) || (a.dataset['name'] ?? '').localeCompare(b.dataset['name'] ?? ''));
      tbody.append(...sorted);
    });
  }
}

setupGates();
