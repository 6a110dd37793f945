export function RegisterNaturalPage() { return <div>TODO</div>; }
