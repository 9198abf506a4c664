export default function RulesPage({ rest: _rest }: { rest: string[] }) {
  return <p>RulesPage</p>;
}
