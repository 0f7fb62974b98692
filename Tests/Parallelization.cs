// Test classes run in parallel, four at a time; the tests of one class run one after another, so a class may share one
// host between its tests (ClassInitialize). Most of a test's time is waiting (a host starting, a reminder ticking, a
// receiver retrying), so four classes keep two cores busy. A class that must run alone says so with [DoNotParallelize]
// and why (docs/testing.md lists them); those run after the parallel ones, one at a time.
// `dotnet test -- MSTest.Parallelize.Workers=1` runs the suite one class at a time again.
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.ClassLevel)]
