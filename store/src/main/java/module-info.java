/**
 * The store: schema and versioned migrations, repositories of runs, samples, jobs, archived intensity and lab
 * profiles; an embedded SQLite file by default, any PostgreSQL through a JDBC URL.
 */
module dev.greenloop.store {
    requires transitive dev.greenloop.core;
    requires transitive java.sql;
    requires org.xerial.sqlitejdbc;
    requires org.postgresql.jdbc;
    requires com.zaxxer.hikari;

    exports dev.greenloop.store;
}
