import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../ui/api';

interface EntryOption {
  id: string;
  name: string;
  departmentName: string;
}

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** only entries of this category (e.g. 'basic' for the license library, a base registry of the catalog) */
  category?: string;
  placeholder?: string;
  testId?: string;
}

/** Picks a published catalog entry, searching the catalog as the user types. Shows the current entry's name when editing. */
export function CatalogEntrySelect({ value, onChange, category, placeholder = '搜索已发布的政务数据资源目录', testId = 'catalog-entry-select' }: Props) {
  const [options, setOptions] = useState<EntryOption[]>([]);
  const [loading, setLoading] = useState(false);

  const search = async (q: string) => {
    setLoading(true);
    try {
      const r = await api.get<{ items: EntryOption[] }>('/catalog/search', { q: q.trim() || undefined, category, pageSize: 20 });
      setOptions(r.items);
    } catch {
      setOptions([]);
    } finally {
      setLoading(false);
    }
  };

  // The current entry may not be among the search results: fetch its name once.
  useEffect(() => {
    if (!value || options.some((o) => o.id === value)) return;
    api.get<EntryOption>(`/catalog/published/${value}`).then((e) => setOptions((prev) => [e, ...prev]), () => undefined);
  }, [value, options]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      onOpenChange={(open) => { if (open && !options.length) void search(''); }}
      loading={loading}
      placeholder={placeholder}
      options={options.map((o) => ({ value: o.id, label: `${o.name}（${o.departmentName}）` }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
