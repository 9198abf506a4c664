export default function PayoutsPage({ rest: _rest }: { rest: string[] }) {
  return <p>PayoutsPage</p>;
}
