export default function FunnelPage({ rest: _rest }: { rest: string[] }) {
  return <p>FunnelPage</p>;
}
