import NeuronaCore
import NeuronaDistributed
import Testing
import _NeuronaTestSupport

/// A process started without `mpirun` is a world of one: MPI is not started and every
/// collective returns its input (the multi-rank checks are Tests/DistributedChecks, run under
/// `mpirun -np 2` by Scripts/distributed-checks.sh).
@Suite struct WorldTests {
    @Test func aProcessWithoutMPIRunIsAWorldOfOne() throws {
        let world = try Distributed.initialize()
        expectEqual(world.rank, 0)
        expectEqual(world.size, 1)
        #expect(!world.usesMPI)
        #expect(world.isPrimary)
        try world.barrier()
        #expect(try Distributed.initialize() === world)
    }

    @Test func collectivesOfOneRankReturnTheirInput() throws {
        let world = try Distributed.initialize()
        for dtype in [DType.float32, .float64, .int64] {
            let t = Tensor([1, -2, 3, 4], shape: [2, 2], dtype: dtype)
            for operation in ReduceOperation.allCases {
                try expectEqual(world.allReduce(t, operation).doubles, [1, -2, 3, 4])
                try expectEqual(world.reduceScatter(t, operation).shape, [2, 2])
            }
            try expectEqual(world.broadcast(t, root: 0).doubles, [1, -2, 3, 4])
            try expectEqual(world.allGather(t).shape, [2, 2])
        }
        try expectEqual(world.allGather(Tensor(5, dtype: .float64)).shape, [1])
    }

    @Test func misuseThrowsTypedErrorsEvenAlone() throws {
        let world = try Distributed.initialize()
        #expect(throws: DistributedError.invalidArgument(operation: "allReduce(sum)", message: "bool tensors are not supported (float32, float64 or int64)")) {
            try world.allReduce(Tensor([true], shape: [1]))
        }
        #expect(throws: DistributedError.invalidArgument(operation: "broadcast(root: 1)", message: "root 1 is not a rank of a world of size 1")) {
            try world.broadcast(Tensor([1], shape: [1]), root: 1)
        }
    }

    @Test func errorMessagesSayWhatAndWhere() {
        #expect(DistributedError.timeout(operation: "allReduce(sum)", seconds: 2, rank: 0).description
                == "allReduce(sum): no answer from the other ranks within 2 s on rank 0 (a peer is hung or has died)")
        #expect(DistributedError.mpi(operation: "barrier", code: 15, message: "MPI_ERR_OTHER").description
                == "barrier: MPI error 15: MPI_ERR_OTHER")
    }
}
