// The few jStat functions the cohort statistics use (the package ships no types).
declare module 'jstat' {
  const jStat: {
    studentt: { inv(p: number, dof: number): number }
    normal: { inv(p: number, mean: number, std: number): number }
  }
  export default jStat
}
