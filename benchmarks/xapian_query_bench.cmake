# Query latency of an omindex-built Xapian database (scripts/bench.sh).
# Needs only libxapian, not the vnsearch core library.
add_executable(xapian_query_bench ${CMAKE_CURRENT_LIST_DIR}/xapian_query_bench.cpp)
target_link_libraries(xapian_query_bench PRIVATE PkgConfig::XAPIAN)
