export default function InboxPage({ rest: _rest }: { rest: string[] }) {
  return <p>InboxPage</p>;
}
