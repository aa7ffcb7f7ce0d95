package org.cassandramesos.local.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** The amount part of a resource: a scalar, port-like ranges or a set of items. Immutable. */
sealed interface Quantity permits Quantity.Scalar, Quantity.Ranges, Quantity.Items {

    Quantity plus(Quantity other);

    /** What is left after taking {@code other}; callers check {@link #contains} first. */
    Quantity minus(Quantity other);

    boolean contains(Quantity other);

    boolean isEmpty();

    void writeTo(Resource.Builder builder);

    static Quantity of(Resource r) {
        return switch (r.getType()) {
            case SCALAR -> Scalar.of(r.getScalar().getValue());
            case RANGES -> Ranges.of(r.getRanges());
            case SET -> new Items(new TreeSet<>(r.getSet().getItemList()));
            default -> throw new IllegalArgumentException("unsupported resource type " + r.getType());
        };
    }

    /** Fixed point with three decimals, as Mesos does, so 0.1 + 0.2 == 0.3. */
    record Scalar(long milli) implements Quantity {
        static Scalar of(double value) {
            return new Scalar(Math.round(value * 1000));
        }

        public Quantity plus(Quantity o) {
            return new Scalar(milli + ((Scalar) o).milli);
        }

        public Quantity minus(Quantity o) {
            return new Scalar(Math.max(0, milli - ((Scalar) o).milli));
        }

        public boolean contains(Quantity o) {
            return milli >= ((Scalar) o).milli;
        }

        public boolean isEmpty() {
            return milli <= 0;
        }

        public void writeTo(Resource.Builder b) {
            b.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(milli / 1000.0));
        }
    }

    /** Sorted, non-overlapping, non-adjacent inclusive intervals. */
    record Ranges(List<long[]> intervals) implements Quantity {
        static Ranges of(Value.Ranges ranges) {
            Ranges out = new Ranges(List.of());
            for (Value.Range r : ranges.getRangeList()) {
                out = (Ranges) out.plus(new Ranges(List.of(new long[] {r.getBegin(), r.getEnd()})));
            }
            return out;
        }

        public Quantity plus(Quantity o) {
            List<long[]> all = new ArrayList<>(intervals);
            all.addAll(((Ranges) o).intervals);
            all.sort((a, b) -> Long.compare(a[0], b[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] r : all) {
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && r[0] <= last[1] + 1) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    merged.add(new long[] {r[0], r[1]});
                }
            }
            return new Ranges(List.copyOf(merged));
        }

        public Quantity minus(Quantity o) {
            List<long[]> current = new ArrayList<>();
            intervals.forEach(r -> current.add(new long[] {r[0], r[1]}));
            for (long[] cut : ((Ranges) o).intervals) {
                List<long[]> next = new ArrayList<>();
                for (long[] r : current) {
                    if (cut[1] < r[0] || cut[0] > r[1]) {
                        next.add(r);
                        continue;
                    }
                    if (cut[0] > r[0]) next.add(new long[] {r[0], cut[0] - 1});
                    if (cut[1] < r[1]) next.add(new long[] {cut[1] + 1, r[1]});
                }
                current.clear();
                current.addAll(next);
            }
            return new Ranges(List.copyOf(current));
        }

        public boolean contains(Quantity o) {
            for (long[] need : ((Ranges) o).intervals) {
                boolean covered = intervals.stream().anyMatch(r -> r[0] <= need[0] && need[1] <= r[1]);
                if (!covered) return false;
            }
            return true;
        }

        public boolean isEmpty() {
            return intervals.isEmpty();
        }

        public void writeTo(Resource.Builder b) {
            Value.Ranges.Builder rb = Value.Ranges.newBuilder();
            intervals.forEach(
                    r -> rb.addRange(Value.Range.newBuilder().setBegin(r[0]).setEnd(r[1])));
            b.setType(Value.Type.RANGES).setRanges(rb);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Ranges other) || other.intervals.size() != intervals.size()) return false;
            for (int i = 0; i < intervals.size(); i++) {
                if (!java.util.Arrays.equals(intervals.get(i), other.intervals.get(i))) return false;
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (long[] r : intervals) h = 31 * h + java.util.Arrays.hashCode(r);
            return h;
        }
    }

    record Items(Set<String> items) implements Quantity {
        public Quantity plus(Quantity o) {
            TreeSet<String> s = new TreeSet<>(items);
            s.addAll(((Items) o).items);
            return new Items(s);
        }

        public Quantity minus(Quantity o) {
            TreeSet<String> s = new TreeSet<>(items);
            s.removeAll(((Items) o).items);
            return new Items(s);
        }

        public boolean contains(Quantity o) {
            return items.containsAll(((Items) o).items);
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }

        public void writeTo(Resource.Builder b) {
            b.setType(Value.Type.SET).setSet(Value.Set.newBuilder().addAllItem(items));
        }
    }
}
