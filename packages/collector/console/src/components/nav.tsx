import { Link } from './link.tsx';

export const PAGES = [
  { path: '/', label: 'Overview' },
  { path: '/cancel', label: 'Cancel reasons' },
  { path: '/uninstall', label: 'Uninstall reasons' },
  { path: '/inbox', label: 'Inbox' },
  { path: '/cases', label: 'Case feedback' },
  { path: '/issues', label: 'Issues' },
  { path: '/responses', label: 'Responses' },
  { path: '/triage', label: 'Triage' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/surveys', label: 'Surveys' },
  { path: '/routes', label: 'Routes' },
  { path: '/team-update', label: 'Team update' },
  { path: '/privacy', label: 'Privacy' },
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
            <Link to={page.path} current={page.path === path || (page.path !== '/' && path.startsWith(`${page.path}/`)) || (page.path === '/inbox' && path.startsWith('/items/'))}>
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
