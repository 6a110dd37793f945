export function MyInfoPage() { return <div>TODO</div>; }
