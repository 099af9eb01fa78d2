// Honest placeholder for scripts whose issue has not landed yet: says so and fails.
const [what, issue] = process.argv.slice(2)
console.error(`npm run ${what}: not built yet (tracked in issue ${issue}). / npm run ${what}：尚未实现（见第 ${issue} 号问题）。`)
process.exit(1)
