import type { ReactNode } from 'react';

/** Label–value pairs (master data, summaries) as a real <dl>. */
export function DescriptionList({ items }: { items: { term: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-1 border-t border-solid-gray-420 sm:grid-cols-[minmax(10rem,16rem)_1fr]">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is static for one render and has no ids.
        <div key={index} className="contents">
          <dt className="border-solid-gray-420 bg-solid-gray-50 px-4 pt-3 text-std-16B-170 text-solid-gray-900 sm:border-b sm:py-3">
            {item.term}
          </dt>
          <dd className="border-b border-solid-gray-420 px-4 pt-1 pb-3 text-std-16N-170 sm:py-3">
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
