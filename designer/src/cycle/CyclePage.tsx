export default function CyclePage({ rest: _rest }: { rest: string[] }) {
  return <p>CyclePage</p>;
}
