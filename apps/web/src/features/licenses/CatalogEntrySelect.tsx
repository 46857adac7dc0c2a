import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../ui/api';

interface EntryOption {
  id: string;
  name: string;
  departmentName: string;
}

/**
 * Picks the published catalog entry a license type is registered under (the license library is a base registry of
 * the catalog), searching the catalog as the user types. Shows the current entry's name when editing.
 */
export function CatalogEntrySelect({ value, onChange }: { value?: string | null; onChange?: (id: string | null) => void }) {
  const [options, setOptions] = useState<EntryOption[]>([]);
  const [loading, setLoading] = useState(false);

  const search = async (q: string) => {
    setLoading(true);
    try {
      const r = await api.get<{ items: EntryOption[] }>('/catalog/search', { q: q.trim() || undefined, category: 'basic', pageSize: 20 });
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
      placeholder="搜索已发布的基础信息资源目录，如“营业执照电子证照”"
      options={options.map((o) => ({ value: o.id, label: `${o.name}（${o.departmentName}）` }))}
      data-testid="license-type-catalog-entry"
    />
  );
}
