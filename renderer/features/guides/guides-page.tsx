import './guides.css';
import { useStore } from '../../store';
import { GuideView, GuideWorkshop } from './guide-view';
import { GuidesHome } from './guides-home';

/** The guides area: its home (search and list), a guide, or a guide in workshop mode. */
export function GuidesPage() {
  const route = useStore((s) => s.route);
  if (route.name !== 'guides') return null;
  if (!route.guideId) return <GuidesHome query={route.query} />;
  if (route.workshop) return <GuideWorkshop key={route.guideId} guideId={route.guideId} step={route.step} anchor={route.anchor} />;
  return <GuideView key={route.guideId} guideId={route.guideId} step={route.step} anchor={route.anchor} />;
}
