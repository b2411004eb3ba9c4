export function App(): React.JSX.Element {
  return <h1>ChainLens</h1>;
}
