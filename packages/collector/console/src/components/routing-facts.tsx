import { Fact } from './fact.tsx';

export interface RoutingFactsProps {
  /** The routing decision: routed, unrouted… */
  decision: string;
  owner: string;
  why: string;
}

/** Where an answer or item went, to whom and why. */
export function RoutingFacts({ decision, owner, why }: RoutingFactsProps) {
  return (
    <section aria-labelledby="routing-title">
      <h2 id="routing-title">Routing</h2>
      <dl class="facts">
        <Fact term="Decision">{decision}</Fact>
        <Fact term="Owner">{owner}</Fact>
        <Fact term="Why">{why}</Fact>
      </dl>
    </section>
  );
}
