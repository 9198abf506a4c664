export default function PerformancePage({ rest: _rest }: { rest: string[] }) {
  return <p>PerformancePage</p>;
}
