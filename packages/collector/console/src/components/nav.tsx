import { Link } from './link.tsx';

const PAGES = [
  { path: '/', label: 'Overview' },
  { path: '/responses', label: 'Responses' },
  { path: '/triage', label: 'Triage' },
];

export interface NavProps {
  path: string;
}

export function Nav({ path }: NavProps) {
  return (
    <nav aria-label="Console">
      <ul>
        {PAGES.map((page) => (
          <li key={page.path}>
            <Link to={page.path} current={page.path === path || (page.path !== '/' && path.startsWith(`${page.path}/`))}>
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
