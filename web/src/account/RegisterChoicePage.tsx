export function RegisterChoicePage() { return <div>TODO</div>; }
