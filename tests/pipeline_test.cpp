// @brief The pipeline between workers and writers: results in task order
// whatever order the workers finish in, the window of tasks in flight, a
// failure stopping everyone; and a worker turning a real file into
// documents.
#include "indexer/pipeline.h"

#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "common/schema.h"
#include "test_util.h"

namespace vnsearch::indexer {
namespace {

std::vector<BuiltDocument> chunk_of(const std::string& path) {
  BuiltDocument d;
  d.id_term = schema::id_term(path);
  return {d};
}

FileResult finished(Outcome outcome) {
  FileResult r;
  r.outcome = outcome;
  return r;
}

TEST(PipelineTest, ResultsComeInTaskOrderWhateverOrderWorkersFinishIn) {
  Pipeline pipeline({10, 10, 10}, /*window_tasks=*/8, /*window_bytes=*/1000);
  size_t a = 99, b = 99, c = 99;
  ASSERT_TRUE(pipeline.claim(&a));
  ASSERT_TRUE(pipeline.claim(&b));
  ASSERT_TRUE(pipeline.claim(&c));
  EXPECT_EQ(a, 0u);
  EXPECT_EQ(b, 1u);
  EXPECT_EQ(c, 2u);
  size_t none;
  EXPECT_FALSE(pipeline.claim(&none)) << "no task left";

  // Task 2 finishes first, then 1 (rejected), then 0.
  pipeline.push_chunk(2, chunk_of("c.txt"));
  pipeline.finish(2, finished(Outcome::kIndexed));
  pipeline.finish(1, finished(Outcome::kRejected));
  pipeline.push_chunk(0, chunk_of("a.txt"));
  pipeline.finish(0, finished(Outcome::kIndexed));

  std::vector<BuiltDocument> chunk;
  ASSERT_TRUE(pipeline.next_chunk(0, &chunk));
  EXPECT_EQ(chunk[0].id_term, schema::id_term("a.txt"));
  EXPECT_FALSE(pipeline.next_chunk(0, &chunk));
  EXPECT_EQ(pipeline.take_result(0).outcome, Outcome::kIndexed);
  EXPECT_FALSE(pipeline.next_chunk(1, &chunk));
  EXPECT_EQ(pipeline.take_result(1).outcome, Outcome::kRejected);
  ASSERT_TRUE(pipeline.next_chunk(2, &chunk));
  EXPECT_EQ(chunk[0].id_term, schema::id_term("c.txt"));
}

TEST(PipelineTest, AWindowCapsTheTasksInFlight) {
  Pipeline pipeline({1, 1, 1}, /*window_tasks=*/2, /*window_bytes=*/1000);
  size_t index;
  ASSERT_TRUE(pipeline.claim(&index));
  ASSERT_TRUE(pipeline.claim(&index));
  // A third claim waits until the oldest task is applied.
  std::thread writer([&] {
    pipeline.finish(0, finished(Outcome::kIndexed));
    pipeline.take_result(0);
  });
  ASSERT_TRUE(pipeline.claim(&index));
  EXPECT_EQ(index, 2u);
  writer.join();
}

TEST(PipelineTest, AFailureReachesTheWritersAndStopsTheWorkers) {
  Pipeline pipeline({1, 1}, 8, 1000);
  size_t index;
  ASSERT_TRUE(pipeline.claim(&index));
  pipeline.fail(std::make_exception_ptr(std::runtime_error("disk full")));
  EXPECT_FALSE(pipeline.claim(&index));
  std::vector<BuiltDocument> chunk;
  EXPECT_THROW(pipeline.next_chunk(0, &chunk), std::runtime_error);
  EXPECT_TRUE(pipeline.failure());
}

TEST(WorkerTest, ReadsAndAnalysesAFileAndSeesUnchangedContent) {
  testing::TempDir dir;
  testing::write_file(dir.path() / "thoisu/tin.txt", "Tiêu đề\n\nNội dung bài báo về lúa gạo.\n");
  CorpusFile file;
  file.relative_path = "thoisu/tin.txt";
  file.path = dir.path() / file.relative_path;
  file.size = std::filesystem::file_size(file.path);
  std::vector<ReindexTask> tasks(2);
  tasks[0].file = &file;
  tasks[1].file = &file;
  IndexedFile before;
  tasks[1].indexed = &before;

  Pipeline pipeline({file.size, file.size}, 8, 1 << 20);
  Worker worker(tasks, pipeline, 1 << 20, /*category_level=*/1);
  worker.run();

  std::vector<BuiltDocument> chunk;
  ASSERT_TRUE(pipeline.next_chunk(0, &chunk));
  ASSERT_EQ(chunk.size(), 1u);
  EXPECT_EQ(chunk[0].id_term, schema::id_term("thoisu/tin.txt"));
  EXPECT_TRUE(chunk[0].document.termlist_count() > 0);
  const FileResult first = pipeline.take_result(0);
  EXPECT_EQ(first.outcome, Outcome::kIndexed);
  EXPECT_EQ(first.bytes_read, file.size);
  EXPECT_EQ(first.stamp.rfind(std::to_string(file.size) + ":", 0), 0u) << first.stamp;

  // The same bytes under another mtime: only the stamp changes. (Task 1 was
  // read before `before` got its stamp, so it must be read again here.)
  before.stamp = first.stamp;
  Pipeline again({file.size}, 8, 1 << 20);
  std::vector<ReindexTask> changed = {tasks[1]};
  Worker second(changed, again, 1 << 20, 1);
  second.run();
  EXPECT_FALSE(again.next_chunk(0, &chunk));
  EXPECT_EQ(again.take_result(0).outcome, Outcome::kContentUnchanged);
}

TEST(WorkerTest, ATooLargeFileIsRejectedUnread) {
  CorpusFile file;
  file.relative_path = "big.txt";
  file.path = "/nonexistent/big.txt";
  file.size = 100;
  std::vector<ReindexTask> tasks(1);
  tasks[0].file = &file;
  tasks[0].too_large = true;
  Pipeline pipeline({0}, 8, 1000);
  Worker(tasks, pipeline, 50, 1).run();
  std::vector<BuiltDocument> chunk;
  EXPECT_FALSE(pipeline.next_chunk(0, &chunk));
  const FileResult r = pipeline.take_result(0);
  EXPECT_EQ(r.outcome, Outcome::kRejected);
  EXPECT_EQ(r.reason, too_large_reason(100, 50));
}

}  // namespace
}  // namespace vnsearch::indexer
